"""What counts as the same article: identity rules and near-duplicate stories."""
