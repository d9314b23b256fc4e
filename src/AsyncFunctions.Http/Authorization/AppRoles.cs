namespace AsyncFunctions.Http.Authorization;

/// <summary>
/// The app roles of the app registration (their "value", as they appear in a token's roles claim) and
/// the permission each grants. One role per permission: a client is given exactly the roles it needs.
/// </summary>
public static class AppRoles
{
    public const string OrdersSubmit = "Orders.Submit";
    public const string OrdersRead = "Orders.Read";
    public const string DeliveriesConfirm = "Deliveries.Confirm";
    public const string DriversManage = "Drivers.Manage";
    public const string DeadLettersOperate = "DeadLetters.Operate";

    /// <summary>Role value → permission; role values are compared exactly, as Entra ID issues them.</summary>
    public static IReadOnlyDictionary<string, Permission> Grants { get; } = new Dictionary<string, Permission>(StringComparer.Ordinal)
    {
        [OrdersSubmit] = Permission.SubmitOrders,
        [OrdersRead] = Permission.ReadOrderStatus,
        [DeliveriesConfirm] = Permission.ConfirmDelivery,
        [DriversManage] = Permission.ManageDrivers,
        [DeadLettersOperate] = Permission.OperateDeadLetters,
    };

    /// <summary>The permissions a set of roles grants; unknown roles grant nothing.</summary>
    public static IReadOnlySet<Permission> PermissionsOf(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var permissions = new HashSet<Permission>();
        foreach (var role in roles)
        {
            if (Grants.TryGetValue(role, out var permission))
                permissions.Add(permission);
        }

        return permissions;
    }
}
