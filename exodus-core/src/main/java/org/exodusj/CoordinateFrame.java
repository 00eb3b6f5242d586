package org.exodusj;

import java.util.List;
import java.util.Objects;

/**
 * A coordinate frame ({@code ex_put_coordinate_frames}): three points that define it (its origin, a
 * point on its third axis, a point in its first-third plane), nine coordinates in all.
 *
 * @param id the frame's id
 * @param tag 'R' rectangular, 'C' cylindrical or 'S' spherical (as stored; libexodus warns on
 *     others)
 * @param coordinates the nine coordinates, point by point
 */
public record CoordinateFrame(long id, char tag, List<Double> coordinates) {
  public CoordinateFrame {
    Objects.requireNonNull(coordinates, "coordinates");
    if (coordinates.size() != 9) {
      throw new IllegalArgumentException(
          "coordinate frame " + id + ": " + coordinates.size() + " coordinates, 9 needed");
    }
    coordinates = List.copyOf(coordinates);
  }
}
