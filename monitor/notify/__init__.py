"""Telling people: events, signing, retry rules, webhook delivery, mail, and digests."""
