"""Labelling blocks: one module per kind (boilerplate, captions, subheadings), each a tuple of
named ``Signal`` values (``signal.py``), the layout rules over the neighbours' labels, and
``run.py``, whose ``label_blocks`` runs them all in their declared order."""
