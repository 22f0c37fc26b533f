package dev.ltx4j.spring;

import java.util.function.Function;
import okhttp3.Call;
import okhttp3.OkHttpClient;

/** What wraps the client's OkHttp client for tracing; a type of the starter's own, so that no bean method names an optional class. */
@FunctionalInterface
interface HttpInstrumentation extends Function<OkHttpClient, Call.Factory> {}
