"""Views of the RCPs, by concept: meetings, agenda and answers, minutes,
decisions, figures."""
