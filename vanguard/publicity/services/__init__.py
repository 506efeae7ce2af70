"""Writes of publicity: activities and photos, exemplars, news. Each checks its permission
first, refuses bad input with a PublicityError (nothing written) and audits what it did."""
