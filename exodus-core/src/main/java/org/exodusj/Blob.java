package org.exodusj;

/** A blob: a named array of values with variables of its own. */
public record Blob(long id, String name, long valueCount) {}
