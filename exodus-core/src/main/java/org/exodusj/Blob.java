package org.exodusj;

/**
 * A blob ({@code ex_blob}): a named, numbered set of entries that carries no mesh, only variables,
 * reduction variables and attributes of its own (for example the state of a time integrator).
 *
 * @param id the blob's id
 * @param name the blob's name
 * @param valueCount its entries ({@code ex_get_blob}'s {@code num_entry}): the length of each of
 *     its variables
 */
public record Blob(long id, String name, long valueCount) {}
