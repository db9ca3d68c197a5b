"""Helpers every depth of the suite shares: factories, the page-shape check, the synthetic county, routes."""
