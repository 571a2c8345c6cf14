"""Attribution analysis. spaCy is imported in this package only."""
