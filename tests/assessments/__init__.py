"""Tests of the satisfaction assessment, its sample, answers, results and remedial rounds."""
