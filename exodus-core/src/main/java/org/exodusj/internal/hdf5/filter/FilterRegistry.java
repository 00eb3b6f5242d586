package org.exodusj.internal.hdf5.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The HDF5 filters this library knows, by id and by name: the built-ins (deflate, shuffle,
 * Fletcher-32), then every {@link Filter} registered through {@link ServiceLoader} ({@code
 * META-INF/services/org.exodusj.internal.hdf5.filter.Filter} and {@code provides} in module-info),
 * then jHDF's decoders for LZF, LZ4 and bitshuffle where no registered codec has their id. A
 * built-in cannot be replaced; a registered codec with the id of another registered one is an error
 * when the registered codecs are first loaded, as is one without a name.
 *
 * <p>The built-ins are found without loading the registered codecs: the service scan (and the
 * classes of every codec and its libraries: Commons Compress, lz4-java, jHDF's filters) waits for
 * the first lookup that needs it, so that opening, appending to and writing deflated and shuffled
 * files, the common case, never pays for it.
 */
public final class FilterRegistry {
  private static final DeflateFilter DEFLATE = new DeflateFilter();
  private static final ShuffleFilter SHUFFLE = new ShuffleFilter();
  private static final Fletcher32Filter FLETCHER32 = new Fletcher32Filter();

  /** Every filter: the built-ins and the registered codecs, loaded on first use. */
  private static final class All {
    private static final Map<Integer, Filter> BY_ID;
    private static final Map<String, Filter> BY_NAME;
    private static final List<String> LOAD_FAILURES;

    static {
      Map<Integer, Filter> byId = new LinkedHashMap<>();
      for (Filter f : new Filter[] {DEFLATE, SHUFFLE, FLETCHER32}) {
        byId.put(f.id(), f);
      }
      ServiceLoader<Filter> loader =
          ServiceLoader.load(Filter.class, Filter.class.getClassLoader());
      java.util.Iterator<Filter> it = loader.iterator();
      List<String> failures = new ArrayList<>();
      while (true) {
        Filter f;
        try {
          if (!it.hasNext()) break;
          f = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          // a codec that cannot load (a missing library) must not make every file unreadable:
          // its filter is then unknown, and the reads that need it say so
          failures.add(String.valueOf(e.getMessage()));
          continue;
        }
        if (byId.containsKey(f.id())) {
          Filter other = byId.get(f.id());
          if (other.getClass() == f.getClass()) continue; // listed twice (classpath and module)
          throw new IllegalStateException(
              "two HDF5 filters with id " + f.id() + ": " + other.getClass() + ", " + f.getClass());
        }
        if (f.name() == null || f.name().isEmpty()) {
          throw new IllegalStateException(
              "HDF5 filter " + f.id() + " (" + f.getClass() + ") has no name");
        }
        byId.put(f.id(), f);
      }
      LOAD_FAILURES = List.copyOf(failures);
      byId.putIfAbsent(32000, new JhdfDecoder(new io.jhdf.filter.LzfFilter(), "lzf"));
      byId.putIfAbsent(32004, new JhdfDecoder(new io.jhdf.filter.Lz4Filter(), "lz4"));
      byId.putIfAbsent(32008, new JhdfDecoder(new io.jhdf.filter.BitShuffleFilter(), "bitshuffle"));
      Map<String, Filter> byName = new LinkedHashMap<>();
      for (Filter f : byId.values()) byName.put(f.name().toLowerCase(Locale.ROOT), f);
      BY_ID = Collections.unmodifiableMap(byId);
      BY_NAME = Collections.unmodifiableMap(byName);
    }
  }

  private FilterRegistry() {}

  /** The filter with this HDF5 id, or null. */
  public static Filter find(int id) {
    switch (id) { // a built-in cannot be replaced: no need to load the others
      case DeflateFilter.ID:
        return DEFLATE;
      case ShuffleFilter.ID:
        return SHUFFLE;
      case Fletcher32Filter.ID:
        return FLETCHER32;
      default:
        return All.BY_ID.get(id);
    }
  }

  /** The filter with this name (any case), or null. */
  public static Filter find(String name) {
    return All.BY_NAME.get(name.toLowerCase(Locale.ROOT));
  }

  /** Every known filter, built-ins first. */
  public static Collection<Filter> all() {
    return All.BY_ID.values();
  }

  /** Why registered codecs could not be loaded (empty when all loaded). */
  public static List<String> loadFailures() {
    return All.LOAD_FAILURES;
  }

  /** The names of the filters that can encode, for messages ("deflate, shuffle, ..."). */
  public static String writableNames() {
    StringBuilder b = new StringBuilder();
    for (Filter f : All.BY_ID.values()) {
      if (!f.canEncode()) continue;
      if (b.length() > 0) b.append(", ");
      b.append(f.name());
    }
    return b.toString();
  }
}
