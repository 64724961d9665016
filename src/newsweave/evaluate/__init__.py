"""Measure the weaver: BCubed scoring, the eval command, parameter tuning."""
