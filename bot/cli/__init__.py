"""Command-line interface: argument parsing, one handler per subcommand, terminal output."""
