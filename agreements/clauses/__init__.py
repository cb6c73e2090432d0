"""The clause library: clause files, selection by conditions, planning and lint."""
