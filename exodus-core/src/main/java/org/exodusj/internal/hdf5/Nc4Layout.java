package org.exodusj.internal.hdf5;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exodusj.internal.hdf5.filter.FilterPipeline;
import org.exodusj.internal.storage.Dimension;
import org.exodusj.internal.storage.Storage;
import org.exodusj.internal.storage.Variable;

/**
 * How a copy stores one NetCDF-4 variable: the source's {@link Nc4Storage} (its chunk shape, or
 * none where the writer chooses it; its filter pipeline; its stored chunks, which {@link
 * Nc4Writer#copyStored} can copy as they are) and the records per chunk the writer uses where it
 * chooses the chunk shape. A rewrite of a NetCDF-4 file reads these from the source ({@link #of})
 * and gives them to {@link Nc4Writer}, so that the copy keeps each variable's filters and chunks.
 *
 * @param storage how the source stores the variable
 * @param chunkSteps the records per chunk the writer uses when it chooses the chunk shape itself
 */
public record Nc4Layout(Nc4Storage storage, int chunkSteps) {
  /** A layout with the chunk shape {@code chunk} (null: the writer chooses) and {@code filters}. */
  Nc4Layout(long[] chunk, FilterPipeline filters, int chunkSteps) {
    this(
        chunk == null
            ? Nc4Storage.chunkedAnyShape(filters)
            : Nc4Storage.chunked(intShape(chunk), filters, null),
        chunkSteps);
  }

  private static int[] intShape(long[] chunk) {
    int[] c = new int[chunk.length];
    for (int i = 0; i < c.length; i++) {
      if (chunk[i] < 1 || chunk[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "chunk size " + chunk[i] + " along dimension " + i + " (1 to 2^31-1)");
      }
      c[i] = (int) chunk[i];
    }
    return c;
  }

  /** The chunk shape kept, outermost first, or null where the writer chooses it. */
  public long[] chunk() {
    int[] c = storage.isChunked() ? storage.chunk() : null;
    if (c == null) return null;
    long[] out = new long[c.length];
    for (int i = 0; i < c.length; i++) out[i] = c[i];
    return out;
  }

  /** The filter pipeline ({@link FilterPipeline#NONE} for contiguous and compact storage). */
  public FilterPipeline filters() {
    return storage.filters();
  }

  /**
   * The layouts of the variables of {@code source} by name, for a NetCDF-4 source; empty for any
   * other. Contiguous and compact variables have no chunk shape and no filters.
   */
  public static Map<String, Nc4Layout> of(Storage source) {
    Map<String, Nc4Layout> out = new LinkedHashMap<>();
    for (Variable v : source.variables()) {
      if (!(v instanceof H5Variable h)) {
        continue;
      }
      Nc4Storage st = h.storage();
      int steps =
          h.isRecord() && st.isChunked() && st.chunk().length > 0 ? Math.max(1, st.chunk()[0]) : 1;
      out.put(h.name(), new Nc4Layout(st, steps));
    }
    return out;
  }

  /**
   * The layouts a copy of {@code in} keeps: each copied variable's chunk shape and filters (a
   * variable over a dimension that changes length keeps only the filters this library writes, and
   * the writer chooses its chunks), and for the {@code added} variables the filters the record
   * variables share (none where they differ).
   *
   * @param lengths the dimensions whose length the copy changes, with their new length
   */
  public static Map<String, Nc4Layout> kept(
      Storage in, List<Variable> copied, Map<String, Long> lengths, List<String> added) {
    Map<String, Nc4Layout> source = of(in);
    Map<String, Nc4Layout> out = new java.util.HashMap<>();
    FilterPipeline shared = null; // the filters of the record variables, when they agree
    boolean same = true;
    int steps = 0; // records per chunk of the first record array (not time_whole's)
    for (Variable v : copied) {
      Nc4Layout l = source.get(v.name());
      if (l == null) continue;
      boolean resized = false;
      for (Dimension d : v.dimensions()) {
        Long grown = lengths.get(d.name());
        resized |= !d.unlimited() && grown != null && grown != d.length();
      }
      out.put(v.name(), resized ? new Nc4Layout(null, l.filters().writable(), l.chunkSteps()) : l);
      if (v.isRecord() && l.chunk() != null) {
        FilterPipeline f = l.filters().writable().withElementSize(1);
        if (shared == null) {
          shared = f;
        } else {
          same &= shared.equals(f);
        }
        if (l.chunk().length > 1 && steps == 0) steps = (int) l.chunk()[0];
      }
    }
    boolean agreed = same && shared != null;
    FilterPipeline forAdded = agreed ? shared : FilterPipeline.NONE;
    for (String name : added) {
      out.put(name, new Nc4Layout(null, forAdded, agreed ? Math.max(1, steps) : 1));
    }
    return out;
  }

  /**
   * The filters a copy of {@code source} that defines its variables anew gives every variable, as
   * {@code NAME[:P1[,P2...]]} in pipeline order, and the records per chunk of its result variables:
   * the pipeline most of the source's filtered chunked variables use (the first in file order on a
   * tie; none where no variable is filtered), keeping the stages this library writes; null for a
   * source that is not NetCDF-4.
   */
  public static Shared shared(Storage source) {
    Map<String, Nc4Layout> all = of(source);
    if (all.isEmpty()) return null;
    Map<FilterPipeline, Integer> used = new LinkedHashMap<>();
    int steps = 0;
    for (Variable v : source.variables()) {
      Nc4Layout l = all.get(v.name());
      if (l == null || l.chunk() == null) continue;
      FilterPipeline f = l.filters().writable().withElementSize(1);
      if (!f.isEmpty()) used.merge(f, 1, Integer::sum);
      if (v.isRecord() && l.chunk().length > 1 && steps == 0) {
        steps = (int) Math.max(1, l.chunk()[0]);
      }
    }
    FilterPipeline chosen = FilterPipeline.NONE;
    int best = 0;
    for (Map.Entry<FilterPipeline, Integer> e : used.entrySet()) {
      if (e.getValue() > best) {
        chosen = e.getKey();
        best = e.getValue();
      }
    }
    List<String> specs = new java.util.ArrayList<>();
    for (FilterPipeline.Stage st : chosen.stages()) {
      org.exodusj.internal.hdf5.filter.Filter f =
          org.exodusj.internal.hdf5.filter.FilterRegistry.find(st.id());
      String name = f.name().toLowerCase(java.util.Locale.ROOT);
      int[] cd = st.clientData();
      if (st.id() == org.exodusj.internal.hdf5.filter.ShuffleFilter.ID
          || st.id() == org.exodusj.internal.hdf5.filter.Fletcher32Filter.ID
          || cd.length == 0) {
        specs.add(name);
      } else if (st.id() == org.exodusj.internal.hdf5.filter.DeflateFilter.ID) {
        specs.add(name + ":" + cd[0]);
      } else {
        StringBuilder b = new StringBuilder(name).append(':');
        for (int i = 0; i < cd.length; i++) b.append(i == 0 ? "" : ",").append(cd[i]);
        specs.add(b.toString());
      }
    }
    return new Shared(List.copyOf(specs), Math.max(1, steps));
  }

  /**
   * What {@link #shared} finds.
   *
   * @param filters the pipeline, each {@code NAME[:P1[,P2...]]}, in order
   * @param chunkSteps records per chunk of the result variables
   */
  public record Shared(List<String> filters, int chunkSteps) {}
}
