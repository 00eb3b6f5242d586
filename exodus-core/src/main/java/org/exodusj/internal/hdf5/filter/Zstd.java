package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded decoder of one zstd frame (RFC 8878), as blosc stores its zstd splits: the frame
 * header, raw, RLE and compressed blocks (literals raw, RLE or Huffman coded in 1 or 4 streams;
 * sequences with predefined, RLE, FSE-coded or repeated tables; repeat offsets), an optional
 * checksum (not verified). No dictionaries. Every length, offset and table is checked; damaged
 * input is an {@link IOException}. Written for blosc's zstd splits, where speed matters less than
 * for its LZ4 and blosclz ones.
 */
final class Zstd {
  private static final int MAGIC = 0xFD2FB528;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_BLOCK = 128 * 1024;

  private static final short[] LL_DEFAULT = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
    -1, -1, -1, -1
  };
  private static final short[] ML_DEFAULT = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1
  };
  private static final short[] OF_DEFAULT = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1
  };
  private static final int[] LL_BASE = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64,
    128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536
  };
  private static final int[] LL_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16
  };
  private static final int[] ML_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
    29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539
  };
  private static final int[] ML_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
  };

  // The predefined tables never change: built once, shared (an Fse is not modified once built).
  private static final Fse LL_PREDEFINED = Fse.buildValid(LL_DEFAULT, 6);
  private static final Fse OF_PREDEFINED = Fse.buildValid(OF_DEFAULT, 5);
  private static final Fse ML_PREDEFINED = Fse.buildValid(ML_DEFAULT, 6);

  private final byte[] in;
  private final String filter;
  private final byte[] o;
  private final int frameStart;
  private int op;
  private final int opEnd;
  private final int[] rep = {1, 4, 8};
  private Fse llTable;
  private Fse ofTable;
  private Fse mlTable;
  private Huffman huffman;

  /** The block's literals: one buffer per thread, reused (a frame per blosc block otherwise). */
  private final byte[] literals = LITERALS.get();

  private static final ThreadLocal<byte[]> LITERALS =
      ThreadLocal.withInitial(() -> new byte[MAX_BLOCK]);

  private Zstd(byte[] in, byte[] o, int op, int n, String filter) {
    this.in = in;
    this.o = o;
    this.op = op;
    this.frameStart = op;
    this.opEnd = op + n;
    this.filter = filter;
  }

  /** Decodes the frame {@code in[p, p + length)}, which must give exactly {@code n} bytes. */
  static void decode(byte[] in, int p, int length, byte[] o, int op, int n, String filter)
      throws IOException {
    Zstd z = new Zstd(in, o, op, n, filter);
    try {
      z.frame(p, p + length);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw CodecIo.damaged(filter, "zstd frame at byte " + p + " is inconsistent", e);
    }
    if (z.op != z.opEnd) {
      throw z.damaged("gives " + (z.op - op) + " bytes, not " + n);
    }
  }

  private IOException damaged(String what) {
    return CodecIo.damaged(filter, "zstd " + what);
  }

  private void need(int p, int n, int end) throws IOException {
    if (n < 0 || n > end - p) {
      throw damaged("data ends early at byte " + p);
    }
  }

  private void frame(int p, int end) throws IOException {
    need(p, 5, end);
    if (CodecIo.leInt(in, p) != MAGIC) {
      throw damaged("frame has no zstd magic number");
    }
    p += 4;
    int fhd = in[p++] & 0xFF;
    int fcsFlag = fhd >>> 6;
    boolean single = (fhd & 0x20) != 0;
    boolean checksum = (fhd & 0x04) != 0;
    int dictFlag = fhd & 3;
    if ((fhd & 0x08) != 0) {
      throw damaged("frame header reserved bit set");
    }
    if (dictFlag != 0) {
      throw new IOException(filter + ": zstd frames with a dictionary are not supported");
    }
    int skip = (single ? 0 : 1) + (fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag);
    need(p, skip, end);
    p += skip;
    while (true) {
      need(p, 3, end);
      int h = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16;
      p += 3;
      boolean last = (h & 1) != 0;
      int type = (h >>> 1) & 3;
      int size = h >>> 3;
      switch (type) {
        case 0 -> {
          need(p, size, end);
          room(size);
          System.arraycopy(in, p, o, op, size);
          op += size;
          p += size;
        }
        case 1 -> {
          need(p, 1, end);
          room(size);
          CodecIo.fill(o, op, op + size, in[p]);
          op += size;
          p += 1;
        }
        case 2 -> {
          if (size > MAX_BLOCK) {
            throw damaged("block of " + size + " bytes");
          }
          need(p, size, end);
          compressedBlock(p, p + size);
          p += size;
        }
        default -> throw damaged("reserved block type");
      }
      if (last) {
        break;
      }
    }
    if (checksum) {
      need(p, 4, end);
    }
  }

  private void room(int n) throws IOException {
    if (n > opEnd - op) {
      throw damaged("decodes past the end of the split");
    }
  }

  private void compressedBlock(int p, int end) throws IOException {
    // Literals section.
    need(p, 1, end);
    int b0 = in[p] & 0xFF;
    int ltype = b0 & 3;
    int sizeFormat = (b0 >>> 2) & 3;
    int regen;
    int litCount;
    if (ltype == 0 || ltype == 1) {
      int hsize;
      switch (sizeFormat) {
        case 0, 2 -> {
          regen = b0 >>> 3;
          hsize = 1;
        }
        case 1 -> {
          need(p, 2, end);
          regen = (b0 >>> 4) + ((in[p + 1] & 0xFF) << 4);
          hsize = 2;
        }
        default -> {
          need(p, 3, end);
          regen = (b0 >>> 4) + ((in[p + 1] & 0xFF) << 4) + ((in[p + 2] & 0xFF) << 12);
          hsize = 3;
        }
      }
      if (regen > MAX_BLOCK) {
        throw damaged("literals of " + regen + " bytes");
      }
      p += hsize;
      if (ltype == 0) {
        need(p, regen, end);
        System.arraycopy(in, p, literals, 0, regen);
        p += regen;
      } else {
        need(p, 1, end);
        CodecIo.fill(literals, 0, regen, in[p]);
        p += 1;
      }
      litCount = regen;
    } else {
      int hsize;
      int comp;
      boolean four = sizeFormat != 0;
      need(p, 3, end);
      long v =
          (in[p] & 0xFFL)
              | (in[p + 1] & 0xFFL) << 8
              | (in[p + 2] & 0xFFL) << 16
              | (end - p > 3 ? (in[p + 3] & 0xFFL) << 24 : 0)
              | (end - p > 4 ? (in[p + 4] & 0xFFL) << 32 : 0);
      switch (sizeFormat) {
        case 0, 1 -> {
          regen = (int) ((v >>> 4) & 0x3FF);
          comp = (int) ((v >>> 14) & 0x3FF);
          hsize = 3;
        }
        case 2 -> {
          regen = (int) ((v >>> 4) & 0x3FFF);
          comp = (int) ((v >>> 18) & 0x3FFF);
          hsize = 4;
        }
        default -> {
          regen = (int) ((v >>> 4) & 0x3FFFF);
          comp = (int) ((v >>> 22) & 0x3FFFF);
          hsize = 5;
        }
      }
      if (regen > MAX_BLOCK) {
        throw damaged("literals of " + regen + " bytes");
      }
      need(p, hsize, end);
      p += hsize;
      need(p, comp, end);
      int q = p;
      if (ltype == 2) {
        huffman = Huffman.read(this, q, p + comp);
        q = huffman.next;
      } else if (huffman == null) {
        throw damaged("repeated Huffman table without a previous one");
      }
      if (four) {
        need(q, 6, p + comp);
        int s1 = (in[q] & 0xFF) | (in[q + 1] & 0xFF) << 8;
        int s2 = (in[q + 2] & 0xFF) | (in[q + 3] & 0xFF) << 8;
        int s3 = (in[q + 4] & 0xFF) | (in[q + 5] & 0xFF) << 8;
        q += 6;
        int s4 = p + comp - q - s1 - s2 - s3;
        if (s4 < 0) {
          throw damaged("Huffman streams longer than the literals");
        }
        int part = (regen + 3) / 4;
        if (3 * part > regen) {
          throw damaged("Huffman streams of " + regen + " literals");
        }
        huffman.decode(this, q, s1, literals, 0, part);
        huffman.decode(this, q + s1, s2, literals, part, part);
        huffman.decode(this, q + s1 + s2, s3, literals, 2 * part, part);
        huffman.decode(this, q + s1 + s2 + s3, s4, literals, 3 * part, regen - 3 * part);
      } else {
        huffman.decode(this, q, p + comp - q, literals, 0, regen);
      }
      p += comp;
      litCount = regen;
    }
    // Sequences section.
    need(p, 1, end);
    int nb = in[p++] & 0xFF;
    int nseq;
    if (nb < 128) {
      nseq = nb;
    } else if (nb < 255) {
      need(p, 1, end);
      nseq = ((nb - 128) << 8) + (in[p++] & 0xFF);
    } else {
      need(p, 2, end);
      nseq = (in[p] & 0xFF) + ((in[p + 1] & 0xFF) << 8) + 0x7F00;
      p += 2;
    }
    int lit = 0;
    if (nseq > 0) {
      need(p, 1, end);
      int modes = in[p++] & 0xFF;
      if ((modes & 3) != 0) {
        throw damaged("reserved sequence mode bits");
      }
      int[] pos = {p};
      llTable = table((modes >>> 6) & 3, llTable, LL_PREDEFINED, 9, 35, pos, end);
      ofTable = table((modes >>> 4) & 3, ofTable, OF_PREDEFINED, 8, 31, pos, end);
      mlTable = table((modes >>> 2) & 3, mlTable, ML_PREDEFINED, 9, 52, pos, end);
      p = pos[0];
      BackBits bits = new BackBits(this, in, p, end - p);
      int ll = bits.read(llTable.log);
      int of = bits.read(ofTable.log);
      int ml = bits.read(mlTable.log);
      for (int s = 0; s < nseq; s++) {
        int ofCode = ofTable.symbol[of];
        int llCode = llTable.symbol[ll];
        int mlCode = mlTable.symbol[ml];
        if (ofCode > 31 || llCode > 35 || mlCode > 52) {
          throw damaged("sequence code out of range");
        }
        long offsetValue = (1L << ofCode) + bits.read(ofCode);
        int matchLength = ML_BASE[mlCode] + bits.read(ML_BITS[mlCode]);
        int literalLength = LL_BASE[llCode] + bits.read(LL_BITS[llCode]);
        long offset;
        if (offsetValue > 3) {
          offset = offsetValue - 3;
          rep[2] = rep[1];
          rep[1] = rep[0];
          rep[0] = (int) Math.min(offset, Integer.MAX_VALUE);
        } else {
          int idx = (int) offsetValue - 1 + (literalLength == 0 ? 1 : 0);
          if (idx == 0) {
            offset = rep[0];
          } else {
            offset = idx == 3 ? rep[0] - 1L : rep[idx];
            if (idx != 1) {
              rep[2] = rep[1];
            }
            rep[1] = rep[0];
            rep[0] = (int) offset;
          }
        }
        if (s != nseq - 1) {
          ll = llTable.base[ll] + bits.read(llTable.bits[ll]);
          ml = mlTable.base[ml] + bits.read(mlTable.bits[ml]);
          of = ofTable.base[of] + bits.read(ofTable.bits[of]);
        }
        if (literalLength > litCount - lit) {
          throw damaged("sequence takes more literals than there are");
        }
        room(literalLength);
        System.arraycopy(literals, lit, o, op, literalLength);
        lit += literalLength;
        op += literalLength;
        if (offset <= 0 || offset > op - frameStart) {
          throw damaged("match offset " + offset + " before the start");
        }
        room(matchLength);
        Lz4Block.copyMatch(o, op, (int) offset, matchLength);
        op += matchLength;
      }
      if (!bits.finished()) {
        throw damaged("sequence bits left over");
      }
    }
    room(litCount - lit);
    System.arraycopy(literals, lit, o, op, litCount - lit);
    op += litCount - lit;
  }

  private Fse table(
      int mode, Fse previous, Fse predefined, int maxLog, int maxSymbol, int[] pos, int end)
      throws IOException {
    switch (mode) {
      case 0:
        return predefined;
      case 1:
        {
          need(pos[0], 1, end);
          int sym = in[pos[0]++] & 0xFF;
          if (sym > maxSymbol) {
            throw damaged("RLE symbol " + sym);
          }
          return Fse.rle(sym);
        }
      case 2:
        return Fse.read(this, pos, end, maxLog, maxSymbol);
      default:
        if (previous == null) {
          throw damaged("repeated table without a previous one");
        }
        return previous;
    }
  }

  /** A backward bit stream (the last byte's highest 1 bit is the end marker). */
  static final class BackBits {
    private final Zstd z;
    private final byte[] s;
    private final int base;
    private final int len;
    private long offset;

    BackBits(Zstd z, byte[] s, int base, int len) throws IOException {
      this.z = z;
      this.s = s;
      this.base = base;
      this.len = len;
      if (len <= 0 || s[base + len - 1] == 0) {
        throw z.damaged("bit stream without an end marker");
      }
      int last = s[base + len - 1] & 0xFF;
      offset = (long) len * 8 - (8 - (31 - Integer.numberOfLeadingZeros(last)));
    }

    int read(int n) throws IOException {
      if (n == 0) {
        return 0;
      }
      offset -= n;
      if (offset < -64) {
        throw z.damaged("bit stream overrun");
      }
      return (int) get(offset, n);
    }

    private long get(long off, int n) {
      if (off >= 0 && n <= 56) {
        int byteIndex = (int) (off >>> 3);
        int shift = (int) (off & 7);
        long v;
        if (byteIndex + 8 <= len) {
          v = (long) LONG_LE.get(s, base + byteIndex);
        } else {
          v = 0;
          for (int i = 0; i < len - byteIndex; i++) {
            v |= (s[base + byteIndex + i] & 0xFFL) << (8 * i);
          }
        }
        return (v >>> shift) & ((1L << n) - 1);
      }
      long r = 0;
      for (int i = 0; i < n; i++) {
        long pos = off + i;
        if (pos >= 0) {
          r |= (long) ((s[base + (int) (pos >>> 3)] >>> (pos & 7)) & 1) << i;
        }
      }
      return r;
    }

    long remaining() {
      return offset;
    }

    boolean finished() {
      return offset == 0;
    }
  }

  /** An FSE decoding table. */
  static final class Fse {
    int log;
    int[] symbol;
    int[] bits;
    int[] base;

    static Fse rle(int sym) {
      Fse f = new Fse();
      f.log = 0;
      f.symbol = new int[] {sym};
      f.bits = new int[] {0};
      f.base = new int[] {0};
      return f;
    }

    /** Reads a table description (forward bits from pos[0]); pos[0] moves past it. */
    static Fse read(Zstd z, int[] pos, int end, int maxLog, int maxSymbol) throws IOException {
      byte[] s = z.in;
      long bit = (long) pos[0] * 8;
      long endBit = (long) end * 8;
      int log = (int) readFwd(z, s, bit, 4, endBit) + 5;
      bit += 4;
      if (log > maxLog) {
        throw z.damaged("table accuracy " + log);
      }
      int remaining = 1 << log;
      short[] freq = new short[256];
      int sym = 0;
      while (remaining > 0 && sym <= maxSymbol) {
        int nbits = 32 - Integer.numberOfLeadingZeros(remaining + 1);
        int val = (int) readFwd(z, s, bit, nbits, endBit);
        bit += nbits;
        int lowerMask = (1 << (nbits - 1)) - 1;
        int threshold = (1 << nbits) - 1 - (remaining + 1);
        if ((val & lowerMask) < threshold) {
          bit -= 1;
          val &= lowerMask;
        } else if (val > lowerMask) {
          val -= threshold;
        }
        int proba = val - 1;
        remaining -= Math.abs(proba);
        freq[sym++] = (short) proba;
        if (proba == 0) {
          while (true) {
            int repeat = (int) readFwd(z, s, bit, 2, endBit);
            bit += 2;
            for (int i = 0; i < repeat && sym <= maxSymbol; i++) {
              freq[sym++] = 0;
            }
            if (repeat != 3) {
              break;
            }
          }
        }
      }
      if (remaining != 0) {
        throw z.damaged("table probabilities do not add up");
      }
      pos[0] = (int) ((bit + 7) >>> 3);
      return build(z, freq, sym, log);
    }

    private static long readFwd(Zstd z, byte[] s, long bit, int n, long endBit) throws IOException {
      if (bit + n > endBit) {
        throw z.damaged("table description ends early");
      }
      long r = 0;
      for (int i = 0; i < n; i++) {
        long p = bit + i;
        r |= (long) ((s[(int) (p >>> 3)] >>> (p & 7)) & 1) << i;
      }
      return r;
    }

    /** A table from a distribution known to be valid (the predefined ones). */
    static Fse buildValid(short[] freq, int log) {
      try {
        return build(null, freq, freq.length, log);
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("predefined zstd distribution rejected", e);
      }
    }

    static Fse build(Zstd z, short[] freq, int count, int log) throws IOException {
      int size = 1 << log;
      Fse f = new Fse();
      f.log = log;
      f.symbol = new int[size];
      f.bits = new int[size];
      f.base = new int[size];
      int[] next = new int[count];
      int high = size;
      for (int s = 0; s < count; s++) {
        if (freq[s] == -1) {
          if (high == 0) {
            throw z.damaged("table overfull");
          }
          f.symbol[--high] = s;
          next[s] = 1;
        }
      }
      int step = (size >>> 1) + (size >>> 3) + 3;
      int mask = size - 1;
      int p = 0;
      for (int s = 0; s < count; s++) {
        if (freq[s] <= 0) {
          continue;
        }
        next[s] = freq[s];
        for (int i = 0; i < freq[s]; i++) {
          f.symbol[p] = s;
          do {
            p = (p + step) & mask;
          } while (p >= high);
        }
      }
      if (p != 0) {
        throw z.damaged("table spread inconsistent");
      }
      for (int i = 0; i < size; i++) {
        int n = next[f.symbol[i]]++;
        int nb = log - (31 - Integer.numberOfLeadingZeros(n));
        f.bits[i] = nb;
        f.base[i] = (n << nb) - size;
      }
      return f;
    }
  }

  /** A Huffman decoding table for literals. */
  static final class Huffman {
    int maxBits;
    byte[] symbols;
    byte[] bits;
    int next;

    static Huffman read(Zstd z, int p, int end) throws IOException {
      byte[] s = z.in;
      z.need(p, 1, end);
      int header = s[p++] & 0xFF;
      int[] weights = new int[256];
      int n;
      if (header >= 128) {
        n = header - 127;
        int bytes = (n + 1) / 2;
        z.need(p, bytes, end);
        for (int i = 0; i < n; i += 2) {
          int b = s[p + i / 2] & 0xFF;
          weights[i] = b >>> 4;
          if (i + 1 < n) {
            weights[i + 1] = b & 15;
          }
        }
        p += bytes;
      } else {
        z.need(p, header, end);
        int[] pos = {p};
        Fse f = Fse.read(z, pos, p + header, 6, 255);
        int q = pos[0];
        BackBits b = new BackBits(z, s, q, p + header - q);
        int st1 = b.read(f.log);
        int st2 = b.read(f.log);
        n = 0;
        while (true) {
          if (n > 253) {
            throw z.damaged("too many Huffman weights");
          }
          weights[n++] = f.symbol[st1];
          st1 = f.base[st1] + b.read(f.bits[st1]);
          if (b.remaining() < 0) {
            weights[n++] = f.symbol[st2];
            break;
          }
          weights[n++] = f.symbol[st2];
          st2 = f.base[st2] + b.read(f.bits[st2]);
          if (b.remaining() < 0) {
            weights[n++] = f.symbol[st1];
            break;
          }
        }
        p += header;
      }
      long sum = 0;
      for (int i = 0; i < n; i++) {
        if (weights[i] > 11) {
          throw z.damaged("Huffman weight " + weights[i]);
        }
        sum += weights[i] > 0 ? 1L << (weights[i] - 1) : 0;
      }
      if (sum == 0) {
        throw z.damaged("Huffman weights all zero");
      }
      int maxBits = 64 - Long.numberOfLeadingZeros(sum);
      long leftOver = (1L << maxBits) - sum;
      if ((leftOver & (leftOver - 1)) != 0 || maxBits > 11 || n > 255) {
        throw z.damaged("Huffman weights inconsistent");
      }
      weights[n++] = 64 - Long.numberOfLeadingZeros(leftOver);
      Huffman h = new Huffman();
      h.maxBits = maxBits;
      h.symbols = new byte[1 << maxBits];
      h.bits = new byte[1 << maxBits];
      int[] rankCount = new int[maxBits + 2];
      int[] nbits = new int[n];
      for (int i = 0; i < n; i++) {
        nbits[i] = weights[i] > 0 ? maxBits + 1 - weights[i] : 0;
        rankCount[nbits[i]]++;
      }
      int[] rankIdx = new int[maxBits + 2];
      rankIdx[maxBits] = 0;
      for (int i = maxBits; i >= 1; i--) {
        rankIdx[i - 1] = rankIdx[i] + rankCount[i] * (1 << (maxBits - i));
        if (rankIdx[i - 1] > h.bits.length) {
          throw z.damaged("Huffman table overfull");
        }
        Arrays.fill(h.bits, rankIdx[i], rankIdx[i - 1], (byte) i);
      }
      for (int i = 0; i < n; i++) {
        if (nbits[i] != 0) {
          int code = rankIdx[nbits[i]];
          int len = 1 << (maxBits - nbits[i]);
          Arrays.fill(h.symbols, code, code + len, (byte) i);
          rankIdx[nbits[i]] += len;
        }
      }
      h.next = p;
      return h;
    }

    void decode(Zstd z, int p, int len, byte[] out, int op, int n) throws IOException {
      if (len <= 0) {
        throw z.damaged("empty Huffman stream");
      }
      BackBits b = new BackBits(z, z.in, p, len);
      int mask = (1 << maxBits) - 1;
      int state = b.read(maxBits);
      for (int i = 0; i < n; i++) {
        out[op + i] = symbols[state];
        int nb = bits[state];
        state = ((state << nb) + b.read(nb)) & mask;
      }
      if (b.remaining() != -maxBits) {
        throw z.damaged("Huffman stream length inconsistent");
      }
    }
  }
}
