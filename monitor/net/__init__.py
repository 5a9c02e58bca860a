"""The network adapter: the fetcher, the SSRF gate (guard) and URL redaction."""
