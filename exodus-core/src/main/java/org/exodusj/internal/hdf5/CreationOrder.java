package org.exodusj.internal.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.FractalHeap;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Node;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.AttributeNameForIndexedAttributesRecord;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The creation order of the links of a group and of the attributes of an object, as netCDF-4 lists
 * them (netCDF-C iterates links and attributes by their creation-order index; jHDF lists dense
 * groups and dense attributes in the order of their name hashes).
 *
 * <p>Links: a group whose link info message says creation order is tracked stores it in every link
 * message, in the object header (compact) or in the fractal heap (dense). Attributes: dense storage
 * keeps the creation order in the records of the name index; compact attributes are object header
 * messages, listed in header order; dense attributes whose creation order is not tracked are listed
 * in the order of their name index (the hash of the name), as netCDF-C lists them. Anything
 * unreadable leaves the order jHDF gives.
 */
final class CreationOrder {
  private static final long UNDEFINED = -1L;

  private CreationOrder() {}

  /** The object header jHDF already read for a node, or read here (the root group). */
  private static ObjectHeader header(HdfBackingStorage s, Node node) {
    return node instanceof AbstractNode a
        ? a.getHeader()
        : ObjectHeader.readObjectHeader(s, node.getAddress());
  }

  /** Link name to creation order for a group; empty when not tracked. */
  static Map<String, Long> links(HdfFile hdf, Node group) {
    Map<String, Long> out = new HashMap<>();
    try {
      HdfBackingStorage s = hdf.getHdfBackingStorage();
      ObjectHeader h = header(s, group);
      if (!h.hasMessageOfType(LinkInfoMessage.class)) {
        return out;
      }
      LinkInfoMessage li = h.getMessageOfType(LinkInfoMessage.class);
      if (!li.isLinkCreationOrderTracked()) {
        return out;
      }
      if (li.getFractalHeapAddress() == UNDEFINED || li.getBTreeNameIndexAddress() == UNDEFINED) {
        for (LinkMessage m : h.getMessagesOfType(LinkMessage.class)) {
          out.put(m.getLinkName(), m.getCreationOrder());
        }
        return out;
      }
      BTreeV2<LinkNameForIndexedGroupRecord> names =
          new BTreeV2<>(s, li.getBTreeNameIndexAddress());
      FractalHeap heap = new FractalHeap(s, li.getFractalHeapAddress());
      for (LinkNameForIndexedGroupRecord r : names.getRecords()) {
        LinkMessage m = LinkMessage.fromBuffer(heap.getId(r.getId()), s.getSuperblock());
        out.put(m.getLinkName(), m.getCreationOrder());
      }
      return out;
    } catch (RuntimeException e) {
      return new HashMap<>(); // jHDF's order stands
    }
  }

  /**
   * Attribute name to creation order for a node: from the name index of dense attributes; compact
   * attributes in object header order. Empty when unknown.
   */
  static Map<String, Long> attributes(HdfFile hdf, Node node) {
    Map<String, Long> out = new HashMap<>();
    try {
      HdfBackingStorage s = hdf.getHdfBackingStorage();
      ObjectHeader h = header(s, node);
      long n = 0;
      for (AttributeMessage m : h.getMessagesOfType(AttributeMessage.class)) {
        out.put(m.getName(), n++);
      }
      if (h.hasMessageOfType(AttributeInfoMessage.class)) {
        AttributeInfoMessage ai = h.getMessageOfType(AttributeInfoMessage.class);
        if (ai.getFractalHeapAddress() != UNDEFINED
            && ai.getAttributeNameBTreeAddress() != UNDEFINED) {
          BTreeV2<AttributeNameForIndexedAttributesRecord> names =
              new BTreeV2<>(s, ai.getAttributeNameBTreeAddress());
          FractalHeap heap = new FractalHeap(s, ai.getFractalHeapAddress());
          List<AttributeNameForIndexedAttributesRecord> records = names.getRecords();
          // Creation order not tracked (every record holds the same value, HDF5 writes 65535):
          // netCDF-C lists the attributes in the order of the name index, ascending hash of the
          // name (H5_ITER_NATIVE).
          boolean tracked = false;
          for (AttributeNameForIndexedAttributesRecord r : records) {
            tracked |= r.getCreationOrder() != records.get(0).getCreationOrder();
          }
          for (AttributeNameForIndexedAttributesRecord r : records) {
            AttributeMessage m = new AttributeMessage(heap.getId(r.getHeapId()), s, new BitSet());
            out.put(m.getName(), tracked ? r.getCreationOrder() : r.getHash() & 0xFFFFFFFFL);
          }
        }
      }
      return out;
    } catch (RuntimeException e) {
      return new HashMap<>();
    }
  }

  /**
   * Sorts {@code items} by the creation order of their names, stably; names without one keep their
   * place after those with one.
   */
  static <T> void sort(List<T> items, Function<T, String> nameOf, Map<String, Long> order) {
    if (order.isEmpty()) {
      return;
    }
    items.sort(Comparator.comparingLong(t -> order.getOrDefault(nameOf.apply(t), Long.MAX_VALUE)));
  }
}
