"""Operation Encompass: every child touched by a domestic-abuse incident known to their school before the next
school day."""
