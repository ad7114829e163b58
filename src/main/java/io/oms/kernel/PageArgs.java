package io.oms.kernel;

/** The Relay paging arguments of a connection as the client sent them (any may be null). */
public record PageArgs(Integer first, String after, Integer last, String before) {}
