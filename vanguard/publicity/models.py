"""Models of publicity: themed practice activities, exemplars, news and the public campaign page."""
