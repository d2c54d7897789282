// The SP refused what the makelaar sent: a signature, audience, destination or
// time check failed, or the answer is not what the protocol says.
export class ServiceProviderError extends Error {
  override readonly name = "ServiceProviderError";
}
