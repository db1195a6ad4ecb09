"""Where the per-article work runs: in this process, in a pool of processes, or on a Dask cluster.

A build is a per-article map (cleaning, sentence splitting) plus steps that
combine what the map produced. The map goes through an `Engine`, so the same
code runs in-process (`local`, the default), on the cores of this machine
(`process`, concurrent.futures) or on a Dask cluster (`dask`: an existing
scheduler, or a LocalCluster when none is named). The functions mapped are
pure and module-level, so every engine gives the same results in the same
order, and a build's outputs do not depend on where it ran.
"""
