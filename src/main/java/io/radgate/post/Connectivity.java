package io.radgate.post;

/** Which neighbours join pixels into one region. */
public enum Connectivity {
    /** Left, right, up, down. */
    FOUR,
    /** The four above plus the diagonals: shapes that touch only at a corner are one region. */
    EIGHT
}
