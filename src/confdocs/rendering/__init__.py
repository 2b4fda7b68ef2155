"""What renderers share: the sandboxed template environment and rich-text renderers."""
