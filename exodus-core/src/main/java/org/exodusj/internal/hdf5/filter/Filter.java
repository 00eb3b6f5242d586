package org.exodusj.internal.hdf5.filter;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One stage of an HDF5 filter pipeline (deflate, shuffle, Fletcher-32, SZIP, bzip2, LZ4, blosc,
 * ...). Implementations are stateless and thread-safe; they are found by id in the filter registry
 * (built-ins and {@link java.util.ServiceLoader}). A new codec is one class plus one registration
 * line.
 */
public interface Filter {
  /** The HDF5 filter id (H5Z_FILTER_* or the id registered with The HDF Group). */
  int id();

  /** A short lower-case name: what users type ({@code --filter bzip2}) and errors print. */
  String name();

  /** Whether {@link #encode} is implemented (writing); every filter decodes. */
  default boolean canEncode() {
    return false;
  }

  /**
   * Decodes one stage: reads {@code src} from its position to its limit, returns the decoded bytes
   * as a buffer with position 0 and limit the decoded length. The result may be {@code scratch}
   * (when it is large enough) or a new buffer; never larger than {@code maxDecodedBytes} (the
   * chunk's size in bytes): damaged input that claims more, or that cannot be decoded, is an
   * IOException saying what is wrong (the pipeline adds the file, variable and chunk).
   *
   * @param clientData the filter message's client data values for this stage
   * @param elementSize the size in bytes of one value of the dataset
   */
  ByteBuffer decode(
      ByteBuffer src, int[] clientData, int elementSize, int maxDecodedBytes, ByteBuffer scratch)
      throws IOException;

  /**
   * Encodes one stage (writing), same buffer rules as {@link #decode}.
   *
   * @throws UnsupportedOperationException where {@link #canEncode} is false
   */
  default ByteBuffer encode(ByteBuffer src, int[] clientData, int elementSize, ByteBuffer scratch)
      throws IOException {
    throw new UnsupportedOperationException(name() + " (HDF5 filter " + id() + ") cannot encode");
  }

  /**
   * The client data to store in the filter message when writing, from the user's parameters (for
   * example a level), the element size and the chunk shape (netCDF-C and the HDF5 plugins fill some
   * values in at write time, as blosc and SZIP do).
   */
  default int[] clientDataForWrite(int[] userParameters, int elementSize, long[] chunkShape) {
    return userParameters.clone();
  }
}
