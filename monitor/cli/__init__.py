"""The command line: ``main`` (the parser, run and poll) and one module per command group."""
