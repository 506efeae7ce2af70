"""Writes of the democratic evaluation, one module per idea: stages (opening, voters,
tokens, closing, self-evaluation), ballots, paper tallies, grades and their notice."""
