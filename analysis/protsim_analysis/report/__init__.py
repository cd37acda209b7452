"""The report page of a protsim result file (protsim report) and its parts."""
