"""The source page: a read-only web page that shows each release with line numbers and the cited lines."""
