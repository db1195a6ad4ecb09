"""Inputs -> RawDocuments: one reader per format, the network, metadata files, duplicate merging, the inventory."""
