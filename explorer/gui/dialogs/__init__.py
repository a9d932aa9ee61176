"""The dialogs: optimise, new data set, compare, recovery, help."""
