"""Reports and 台账 workbooks: formats the figures, never computes one."""
