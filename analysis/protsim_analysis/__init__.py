"""protsim_analysis - read protsim's result files (run, replicate, compare, sweep).

    import protsim_analysis as pa
    with pa.open_file("out.h5") as rf:          # rf.kind: run, replicates, compare, sweep
        part = rf.part                           # or rf.parts["a"], rf.parts["b"]
        poi = part.series("states/poi")          # values, dims, coords, units, description
        poi.sel(state="Aland").values            # by label, from the file
        part.months                              # datetime64[M], one per step
    df = pa.to_dataframe("out.h5")               # a long pandas DataFrame
    pa.export_csv("out.h5", "out_csv")           # CSV files for R, Stata, spreadsheets

Axes, names and units come from the file (HDF5 dimension scales when present, else the
`dimensions` attribute and the text dataset that labels each axis); nothing here knows
the model's status, flow or state names.
"""
from .reader import (KINDS, FileError, Part, ResultFile, Series, Sweep, attribute,  # noqa: F401
                     month_labels, months_from_decimal, open_file, strings, text)
from .export import (comparison_frame, comparison_values_frame, events_frame,  # noqa: F401
                     export_csv, runs_frame, series_frame, sweep_frame, to_dataframe)
