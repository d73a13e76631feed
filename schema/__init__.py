"""The compiled telegram schema (RELAX NG, Schematron, XSD), built from `odd/`."""
