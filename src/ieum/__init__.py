"""Ieum (이음): the operating platform of Korea's bio-health cluster network."""
