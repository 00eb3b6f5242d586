package org.exodusj.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Channel operations that a pending interrupt of the calling thread does not turn into a closed
 * channel. A {@link FileChannel} is interruptible: an operation started by a thread whose interrupt
 * flag is set (after {@code Future.cancel(true)}, {@code shutdownNow()}) closes the channel for
 * every user, and with it the process's file locks on the file. Here the flag is cleared for the
 * operation and set again after it, so the caller still sees its interrupt. (An interrupt that
 * arrives during the system call itself still closes the channel; FileLocks then fails every handle
 * of the file loudly.)
 */
public final class Uninterruptible {
  private Uninterruptible() {}

  public static int read(FileChannel ch, ByteBuffer dst, long position) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return ch.read(dst, position);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  public static int write(FileChannel ch, ByteBuffer src, long position) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return ch.write(src, position);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  public static void force(FileChannel ch, boolean metaData) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      ch.force(metaData);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  public static long size(FileChannel ch) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return ch.size();
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  public static void truncate(FileChannel ch, long size) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      ch.truncate(size);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
