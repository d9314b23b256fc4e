using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Local.Brokers;

/// <summary>One received message and the settlement bound to it, whichever broker delivered it.</summary>
public sealed record BrokerDelivery(InboundMessage Message, IMessageSettlement Settlement);
