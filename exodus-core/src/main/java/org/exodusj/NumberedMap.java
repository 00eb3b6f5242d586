package org.exodusj;

/**
 * A numbered map ({@code node_map1}, {@code elem_map2} ...): one value per node, element, edge or
 * face.
 *
 * @param type NODE_MAP, ELEM_MAP, EDGE_MAP or FACE_MAP
 * @param index position in the map id array, 0-based
 * @param id the map's id property
 * @param name the map's name, or ""
 * @param length values in the map
 */
public record NumberedMap(EntityType type, int index, long id, String name, long length) {}
