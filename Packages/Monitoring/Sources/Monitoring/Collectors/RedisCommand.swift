/// One Redis command as its arguments (`["ZCARD", "bull:email:completed"]`), the unit of a pipeline.
public typealias RedisCommand = [String]
