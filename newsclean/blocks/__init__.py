"""Blocks: segmenting fixed text into paragraph-sized blocks, finding the headlines, and the
shape facts (words, sentence ends, neighbours) every classifier reads."""
