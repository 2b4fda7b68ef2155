"""Writing event files: the JSON Schema for editors, and ``confdocs new``."""
