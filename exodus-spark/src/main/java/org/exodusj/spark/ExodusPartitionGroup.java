package org.exodusj.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * What one Spark task reads: one or more parts, grouped up to the target bytes so that a set of
 * many small pieces does not make a task per piece.
 */
final class ExodusPartitionGroup implements InputPartition {
  private static final long serialVersionUID = 1L;

  final ExodusPartition[] parts;

  ExodusPartitionGroup(ExodusPartition[] parts) {
    this.parts = parts;
  }

  @Override
  public String toString() {
    return parts.length == 1 ? parts[0].toString() : parts.length + " parts from " + parts[0];
  }
}
