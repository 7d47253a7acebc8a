/* Valid C, no finding: only its configuration is broken. */
int broken(void) { return 0; }
