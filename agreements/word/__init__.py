"""Word composition: the master template filled by docxtpl, the body built by python-docx."""
