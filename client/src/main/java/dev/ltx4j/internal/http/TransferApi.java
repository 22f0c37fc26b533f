package dev.ltx4j.internal.http;

import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.PUT;
import retrofit2.http.Url;

/** Requests to absolute URLs outside the API (presigned upload parts); the API's credentials never go there. */
public interface TransferApi {
  @PUT
  Call<Void> putPart(@Url String url, @Body RequestBody part);
}
