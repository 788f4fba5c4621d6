"""Labelling blocks: one module per kind (boilerplate, captions, subheadings), each a set of
named signals, then the layout pass over the neighbours' labels."""
