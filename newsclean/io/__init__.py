"""Input and output: safe reading and atomic writing of files, the output formats, JSON Lines
records, and the progress meter. With ``cli/``, the only place that touches files and streams."""
