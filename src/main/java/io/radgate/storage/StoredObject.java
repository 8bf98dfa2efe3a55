package io.radgate.storage;

/** One object of a listing: its full name in the bucket, its size in bytes and its content type (may be null). */
public record StoredObject(String name, long size, String contentType) {
}
