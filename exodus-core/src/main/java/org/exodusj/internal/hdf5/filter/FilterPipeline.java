package org.exodusj.internal.hdf5.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * An HDF5 filter pipeline as one dataset stores it (its filter pipeline message): the stages in
 * pipeline order, each with its id, name, optional flag and client data. The one type reads,
 * writes, the updater and copies use: {@link #decode} runs the stages last to first, skipping those
 * the chunk's filter mask marks as not applied; {@link #encode} runs them first to last, skipping
 * an optional stage that cannot encode (and marking it in the mask, as HDF5 does); {@link #message}
 * writes the message back. A stage whose filter is not in the {@link FilterRegistry} is kept (a raw
 * copy carries it unchanged) and is an error only when a chunk must be decoded or encoded through
 * it.
 */
public final class FilterPipeline {
  /** One filter of the pipeline, as stored in the filter pipeline message. */
  public record Stage(int id, String name, boolean optional, int[] clientData) {
    public Stage {
      clientData = clientData == null ? new int[0] : clientData.clone();
      if (name == null || name.isEmpty()) {
        Filter f = FilterRegistry.find(id);
        name = f != null ? f.name() : "unnamed";
      }
    }

    @Override
    public int[] clientData() {
      return clientData.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stage s
          && s.id == id
          && s.optional == optional
          && Arrays.equals(s.clientData, clientData);
    }

    @Override
    public int hashCode() {
      return id * 31 + Arrays.hashCode(clientData);
    }

    @Override
    public String toString() {
      return name + "(" + id + ")" + (clientData.length == 0 ? "" : Arrays.toString(clientData));
    }
  }

  /** A filter a user asks for when writing: its name and parameters (a level, for deflate). */
  public record Request(String name, int[] parameters) {
    public Request {
      parameters = parameters == null ? new int[0] : parameters.clone();
    }

    /**
     * Parses {@code NAME[:P1[,P2...]]}, as {@code --filter} spells it ({@code bzip2:9}, {@code
     * shuffle}, {@code deflate:1}).
     *
     * @throws IllegalArgumentException naming the text when it does not parse
     */
    public static Request parse(String text) {
      int colon = text.indexOf(':');
      String name = (colon < 0 ? text : text.substring(0, colon)).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("filter '" + text + "' has no name");
      }
      int[] p = new int[0];
      if (colon >= 0) {
        String[] parts = text.substring(colon + 1).split(",");
        p = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
          try {
            p[i] = Integer.parseInt(parts[i].trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "filter '" + text + "': parameter '" + parts[i] + "' is not an integer", e);
          }
        }
      }
      return new Request(name, p);
    }
  }

  /** The empty pipeline: chunks stored as they are. */
  public static final FilterPipeline NONE = new FilterPipeline(List.of());

  private final List<Stage> stages;
  private final Filter[] filters; // per stage, null where the registry has none

  private FilterPipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
    this.filters = new Filter[stages.size()];
    for (int i = 0; i < filters.length; i++) filters[i] = FilterRegistry.find(stages.get(i).id());
  }

  /** The pipeline of these stages, in pipeline order. */
  public static FilterPipeline of(List<Stage> stages) {
    return stages.isEmpty() ? NONE : new FilterPipeline(stages);
  }

  /** The pipeline of a filter pipeline message as jHDF parses it. */
  public static FilterPipeline of(io.jhdf.object.message.FilterPipelineMessage message) {
    List<Stage> out = new ArrayList<>();
    for (io.jhdf.object.message.FilterPipelineMessage.FilterInfo f : message.getFilters()) {
      out.add(new Stage(f.getId(), f.getName(), f.isOptional(), f.getData()));
    }
    return of(out);
  }

  /**
   * The pipeline that writes the {@code requests} in order, for values of {@code elementSize} bytes
   * in chunks of {@code chunkShape}: each filter's client data from {@link
   * Filter#clientDataForWrite}. Shuffle and deflate are optional stages, as netCDF-C marks them;
   * the others are mandatory.
   *
   * @throws IllegalArgumentException for a filter the registry does not know, one that cannot
   *     encode (the message lists those that can), or parameters it refuses
   */
  public static FilterPipeline forWrite(
      List<Request> requests, int elementSize, long[] chunkShape) {
    List<Stage> out = new ArrayList<>();
    for (Request r : requests) {
      Filter f = FilterRegistry.find(r.name());
      if (f == null || !f.canEncode()) {
        throw new IllegalArgumentException(
            "filter '"
                + r.name()
                + "' "
                + (f == null ? "is unknown" : "can be read but not written")
                + "; the filters this library writes are: "
                + FilterRegistry.writableNames());
      }
      int[] cd = f.clientDataForWrite(r.parameters(), elementSize, chunkShape);
      boolean optional = f.id() == DeflateFilter.ID || f.id() == ShuffleFilter.ID;
      out.add(new Stage(f.id(), f.name(), optional, cd));
    }
    return of(out);
  }

  public List<Stage> stages() {
    return stages;
  }

  public boolean isEmpty() {
    return stages.isEmpty();
  }

  public int size() {
    return stages.size();
  }

  /** Whether a stage has this filter id. */
  public boolean has(int id) {
    for (Stage s : stages) if (s.id() == id) return true;
    return false;
  }

  /** The client data of the first stage with this id, or null. */
  public int[] clientData(int id) {
    for (Stage s : stages) if (s.id() == id) return s.clientData();
    return null;
  }

  /**
   * This pipeline for values of {@code elementSize} bytes: the shuffle stages' client data (the
   * element size) set to it, every other stage as it is.
   */
  public FilterPipeline withElementSize(int elementSize) {
    List<Stage> out = new ArrayList<>();
    for (Stage s : stages) {
      out.add(
          s.id() == ShuffleFilter.ID
              ? new Stage(s.id(), s.name(), s.optional(), new int[] {elementSize})
              : s);
    }
    return of(out);
  }

  /** The stages this library can encode, in order: what a copy that must re-encode keeps. */
  public FilterPipeline writable() {
    List<Stage> out = new ArrayList<>();
    for (int i = 0; i < filters.length; i++) {
      if (filters[i] != null && filters[i].canEncode()) out.add(stages.get(i));
    }
    return of(out);
  }

  /** Whether every stage can encode: chunks can be written (and patched) through it. */
  public boolean canEncode() {
    for (int i = 0; i < filters.length; i++) {
      if ((filters[i] == null || !filters[i].canEncode()) && !stages.get(i).optional()) {
        return false;
      }
    }
    return true;
  }

  /** The first stage whose filter the registry lacks, or null: what a decode would fail on. */
  public Stage unsupported() {
    for (int i = 0; i < filters.length; i++) if (filters[i] == null) return stages.get(i);
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterPipeline p && p.stages.equals(stages);
  }

  @Override
  public int hashCode() {
    return stages.hashCode();
  }

  @Override
  public String toString() {
    return stages.isEmpty() ? "no filters" : stages.toString();
  }

  // ---- the message -----------------------------------------------------------------------------

  /**
   * The body of a version 2 filter pipeline message (HDF5 message type 0x000B): names are stored
   * for ids of 256 and above only, unpadded, as HDF5 1.8 and later write them.
   */
  public byte[] message() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(2);
    o.write(stages.size());
    for (Stage s : stages) {
      u16(o, s.id());
      byte[] name = s.id() >= 256 ? (s.name() + "\0").getBytes(StandardCharsets.US_ASCII) : null;
      if (name != null) u16(o, name.length);
      u16(o, s.optional() ? 1 : 0);
      u16(o, s.clientData.length);
      if (name != null) o.write(name, 0, name.length);
      for (int v : s.clientData) {
        u16(o, v & 0xFFFF);
        u16(o, v >>> 16);
      }
    }
    return o.toByteArray();
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write(v & 0xFF);
    o.write((v >>> 8) & 0xFF);
  }

  // ---- decoding --------------------------------------------------------------------------------

  /**
   * Decodes a stored chunk, {@code raw[0, rawLength)}, to {@code decodedSize} bytes: the stages
   * last to first, those whose bit is set in {@code mask} skipped. Deflate alone or shuffle +
   * deflate (with or without Fletcher-32 after them: netCDF-4's filters) allocate nothing but the
   * decoded chunk, and not even that when {@code into} (as long as the decoded chunk) is given; the
   * inflated bytes before an unshuffle come from {@code pool} when given (and go back to it). Other
   * pipelines have their last stage decode into {@code into} when it is given.
   *
   * @return the array holding the decoded chunk: {@code into}, or a new one
   * @throws IOException saying what is wrong (the caller adds the file, variable and chunk): a
   *     stage whose filter this library lacks, a checksum mismatch, a damaged stream, a size other
   *     than {@code decodedSize}
   */
  public byte[] decode(
      byte[] raw,
      int rawLength,
      int mask,
      int elementSize,
      int decodedSize,
      BlockingQueue<byte[]> pool,
      byte[] into)
      throws IOException {
    boolean intoFits = into != null && into.length == decodedSize;
    int last = stages.size() - 1;
    if (mask == 0) {
      int len = rawLength;
      if (last >= 0 && stages.get(last).id() == Fletcher32Filter.ID) {
        len = Fletcher32Filter.verified(raw, 0, len);
        last--;
      }
      if (last < 0) {
        checkLength(len, decodedSize);
        if (intoFits) {
          System.arraycopy(raw, 0, into, 0, len);
          return into;
        }
        return Arrays.copyOf(raw, len);
      }
      if (stages.get(last).id() == DeflateFilter.ID
          && (last == 0 || last == 1 && stages.get(0).id() == ShuffleFilter.ID)) {
        if (last == 0) {
          byte[] out = intoFits ? into : new byte[decodedSize];
          checkLength(DeflateFilter.inflateInto(raw, len, out), decodedSize);
          return out;
        }
        byte[] inflated = pool != null ? pool.poll() : null;
        if (inflated == null || inflated.length != decodedSize) inflated = new byte[decodedSize];
        checkLength(DeflateFilter.inflateInto(raw, len, inflated), decodedSize);
        byte[] out = intoFits ? into : new byte[decodedSize];
        int es = ShuffleFilter.elementSize(stages.get(0).clientData, elementSize);
        ShuffleFilter.unshuffleInto(inflated, es, out);
        if (pool != null) pool.offer(inflated);
        return out;
      }
    }
    ByteBuffer cur = ByteBuffer.wrap(raw, 0, rawLength);
    // The stage decoded last writes straight into the caller's array where one is given (blosc,
    // LZ4, bzip2, ... then neither allocate the chunk nor leave it to be copied).
    int lastDecoded = Integer.numberOfTrailingZeros(~mask);
    for (int i = stages.size() - 1; i >= 0; i--) {
      if ((mask & (1 << i)) != 0) continue;
      Filter f = filters[i];
      Stage s = stages.get(i);
      if (f == null) {
        throw new IOException(
            "HDF5 filter "
                + s.id()
                + " ("
                + s.name()
                + ") is not supported; the filters read are: "
                + readableNames()
                + (FilterRegistry.loadFailures().isEmpty()
                    ? ""
                    : "; codecs that failed to load: " + FilterRegistry.loadFailures()));
      }
      try {
        ByteBuffer scratch = intoFits && i == lastDecoded ? ByteBuffer.wrap(into) : null;
        cur = f.decode(cur, s.clientData, elementSize, bound(i, decodedSize), scratch);
      } catch (IOException e) {
        throw new IOException(f.name() + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new IOException(f.name() + " failed: " + e, e);
      }
    }
    checkLength(cur.remaining(), decodedSize);
    if (intoFits
        && cur.hasArray()
        && cur.array() == into
        && cur.arrayOffset() + cur.position() == 0) {
      return into;
    }
    byte[] out = intoFits ? into : new byte[decodedSize];
    cur.get(out, 0, decodedSize);
    return out;
  }

  /** As {@link #decode(byte[], int, int, int, int, BlockingQueue, byte[])}, a whole array. */
  public byte[] decode(byte[] raw, int mask, int elementSize, int decodedSize) throws IOException {
    return decode(raw, raw.length, mask, elementSize, decodedSize, null, null);
  }

  /**
   * The most bytes stage {@code i} may decode to: the chunk, plus what the stages before it add
   * (Fletcher-32 four bytes; a compressor at most its worst-case expansion, bounded here).
   */
  private int bound(int i, int decodedSize) {
    long b = decodedSize;
    for (int j = 0; j < i; j++) {
      int id = stages.get(j).id();
      if (id == Fletcher32Filter.ID) b += 4;
      else if (id != ShuffleFilter.ID) b += decodedSize / 16 + 1024;
    }
    return (int) Math.min(b, Integer.MAX_VALUE - 16);
  }

  private static void checkLength(int len, int decodedSize) throws IOException {
    if (len != decodedSize) {
      throw new IOException("decoded chunk has " + len + " bytes, expected " + decodedSize);
    }
  }

  private static String readableNames() {
    StringBuilder b = new StringBuilder();
    for (Filter f : FilterRegistry.all()) {
      if (b.length() > 0) b.append(", ");
      b.append(f.name()).append(" (").append(f.id()).append(')');
    }
    return b.toString();
  }

  // ---- encoding --------------------------------------------------------------------------------

  /**
   * The working memory of {@link #encode}, reused from chunk to chunk by one thread at a time. The
   * encoded bytes of the last call are {@link #bytes()}{@code [offset(), offset() + length())}
   * until the next call.
   */
  public static final class Scratch {
    private final ByteBuffer[] slots = new ByteBuffer[2];
    private ByteBuffer result;
    private int mask;

    public byte[] bytes() {
      return result.array();
    }

    public int offset() {
      return result.arrayOffset() + result.position();
    }

    public int length() {
      return result.remaining();
    }

    /** The filter mask of the last chunk encoded: stages skipped. */
    public int mask() {
      return mask;
    }
  }

  /**
   * Encodes {@code data[0, length)} through the stages first to last into {@code sc}; {@code data}
   * itself is never changed. An optional stage that cannot encode (or fails) is skipped and marked
   * in the mask; a mandatory one is an error.
   *
   * @throws IOException when a mandatory stage fails on the data
   * @throws IllegalStateException when a mandatory stage has no encoder (check {@link #canEncode})
   */
  public void encode(byte[] data, int length, int elementSize, Scratch sc) throws IOException {
    ByteBuffer cur = ByteBuffer.wrap(data, 0, length);
    int mask = 0;
    for (int i = 0; i < stages.size(); i++) {
      Filter f = filters[i];
      Stage s = stages.get(i);
      if (f == null || !f.canEncode()) {
        if (s.optional()) {
          mask |= 1 << i;
          continue;
        }
        throw new IllegalStateException(
            "HDF5 filter " + s.id() + " (" + s.name() + ") cannot encode");
      }
      int slot = sc.slots[0] != null && sc.slots[0].array() == cur.array() ? 1 : 0;
      ByteBuffer target = sc.slots[slot];
      ByteBuffer out;
      try {
        out = f.encode(cur, s.clientData, elementSize, target);
      } catch (IOException | RuntimeException e) {
        if (s.optional()) {
          mask |= 1 << i;
          continue;
        }
        if (e instanceof IOException io) {
          throw new IOException(f.name() + ": " + io.getMessage(), io);
        }
        throw e;
      }
      if (out.hasArray() && out.array() != data) {
        if (target == null || out.array() != target.array()) sc.slots[slot] = out;
      } else if (!out.hasArray()) { // a direct buffer: copied to a heap one
        ByteBuffer h = ByteBuffer.allocate(out.remaining());
        h.put(out.duplicate()).flip();
        out = h;
      }
      cur = out;
    }
    sc.result = cur;
    sc.mask = mask;
  }

  /** Encodes a whole array into a new one (tests, and writers of a few chunks). */
  public byte[] encode(byte[] data, int elementSize) throws IOException {
    Scratch sc = new Scratch();
    encode(data, data.length, elementSize, sc);
    return Arrays.copyOfRange(sc.bytes(), sc.offset(), sc.offset() + sc.length());
  }
}
