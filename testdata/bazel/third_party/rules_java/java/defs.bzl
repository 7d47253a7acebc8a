"""The names Bazel 4's tools load from @rules_java//java:defs.bzl, as the native rules (../../README)."""

java_binary = native.java_binary
java_import = native.java_import
java_library = native.java_library
java_runtime = native.java_runtime
java_toolchain = native.java_toolchain
