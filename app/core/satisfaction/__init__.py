"""Satisfaction (IKM, Permen PANRB 14/2017): ratings on nine elements and the index."""
